import { App } from "./app";

new App().listen(Number(process.env.PORT) || 3000);
