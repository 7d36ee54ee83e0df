import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RoomEntity } from './room.entity';

/** A product in a room's bag (小黄车), copied from the scenario's catalogue when the room is created. */
@Entity('product')
@Index(['roomId', 'sku'], { unique: true })
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @ManyToOne(() => RoomEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id' })
  room?: RoomEntity;

  /** The product's id in the scenario catalogue, which the engine and actions files use. */
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** Money is kept in integer cents (分) so sums are exact. */
  @Column({ name: 'price_cents', type: 'integer' })
  priceCents!: number;

  @Column({ name: 'list_price_cents', type: 'integer' })
  listPriceCents!: number;

  @Column({ type: 'integer' })
  stock!: number;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;
}
