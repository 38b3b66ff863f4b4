import { Module } from "@nestjs/common";
import { ConfigModule, ConfigService } from "@nestjs/config";
import { JwtModule } from "@nestjs/jwt";

@Module({
  imports: [
    JwtModule.registerAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (configService: ConfigService) => ({
        // expect: SEC002
        secret: configService.getOrThrow<string>("JWT_SECRET"),
        // ok: SEC002
        signOptions: { expiresIn: configService.get<string>("JWT_EXPIRES_IN", "1d") },
      }),
    }),
  ],
})
export class AuthModule {}

export function stripeKey(config: ConfigService): string {
  // expect: SEC002
  return config.getOrThrow("STRIPE_SECRET_KEY");
}

export function region(config: ConfigService): string {
  // ok: SEC002
  return config.get("AWS_REGION", "eu-west-1");
}
