import { Injectable } from "@nestjs/common";

@Injectable()
export class OrdersService {
  async place(sku: string) {
    console.log("placing order", sku); // expect: LOG001
    return { sku };
  }
}
