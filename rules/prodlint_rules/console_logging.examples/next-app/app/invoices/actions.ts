'use server';

export async function deleteInvoice(id: string) {
  try {
    await removeInvoice(id);
  } catch (error) {
    console.error(error); // expect: LOG001
  }
}

declare function removeInvoice(id: string): Promise<void>;
