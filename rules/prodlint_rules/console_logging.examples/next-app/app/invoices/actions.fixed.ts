'use server';
import { logger } from '../../logger';

export async function deleteInvoice(id: string) {
  try {
    await removeInvoice(id);
  } catch (error) {
    logger.error(error); // expect: LOG001
  }
}

declare function removeInvoice(id: string): Promise<void>;
