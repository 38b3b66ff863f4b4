import { App } from "./app";

const app = new App();
app.listen(Number(process.env.PORT) || 3000); // ok: SIG001 (the class's own listen is the start)
