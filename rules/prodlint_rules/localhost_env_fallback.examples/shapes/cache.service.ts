import { Injectable } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import Redis from "ioredis";

@Injectable()
export class CacheService {
  private readonly redis: Redis;

  constructor(private readonly config: ConfigService) {
    // expect: URL002
    this.redis = new Redis(this.config.get<string>("REDIS_URL", "redis://localhost:6379"));
  }

  publicUrl(): string {
    // ok: URL002
    return this.config.get<string>("PUBLIC_URL", "https://shop.io");
  }
}
