import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app.module";

async function bootstrap() {
  const app = await NestFactory.create(AppModule); // expect: RATE001
  await app.listen(3000);
}
bootstrap();
