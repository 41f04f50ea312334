/** Seeded Spreetail inventory: each account (client) sees its own stock. */
import type { TwinAccount } from '../types.ts';
import { intFrom } from './deterministic.ts';

export interface InventoryItem {
  SKU: string;
  ItemTitle: string;
  Quantity: number;
  Warehouse: string;
  LastUpdated: string;
}

const PRODUCTS = [
  'Stainless Steel Water Bottle 750ml', 'Bamboo Cutting Board Set', 'LED Desk Lamp with USB Port',
  'Memory Foam Pillow', 'Cast Iron Skillet 26cm', 'Wireless Bluetooth Speaker', 'Yoga Mat 6mm',
  'Ceramic Coffee Mug 350ml', 'Digital Kitchen Scale', 'Insulated Lunch Bag', 'Silicone Baking Mat Pair',
  'Cotton Bath Towel Set', 'Adjustable Dumbbell 10kg', 'Electric Milk Frother', 'Garden Hose 15m',
  'Folding Camping Chair', 'Aroma Diffuser 300ml', 'Laptop Stand Aluminium', 'Kids Art Easel',
  'Pet Grooming Brush', 'Non-Stick Saucepan 18cm', 'Portable Phone Charger 10000mAh', 'Shower Caddy',
];

export function seedInventory(account: TwinAccount): InventoryItem[] {
  const prefix = `TW-${account.environment.toUpperCase()}`;
  return PRODUCTS.map((title, index) => ({
    SKU: `${prefix}-${String(1001 + index)}`,
    ItemTitle: title,
    Quantity: intFrom(`${account.targetId}:stock:${index}`, 0, 500),
    Warehouse: index % 2 === 0 ? 'EU-DE-LEJ' : 'EU-NL-VNL',
    LastUpdated: new Date(Date.UTC(2025, 5, 1 + index, 6)).toISOString(),
  }));
}
