import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app.module";

async function bootstrap() {
  const app = await NestFactory.create(AppModule); // ok: LOG002 (NestJS: interceptors log in shapes prodlint cannot see)
  await app.listen(3000);
}
bootstrap();
