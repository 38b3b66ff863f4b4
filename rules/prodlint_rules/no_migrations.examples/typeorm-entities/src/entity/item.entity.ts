import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

// expect: MIG004
@Entity()
export class Item {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  name!: string;
}
