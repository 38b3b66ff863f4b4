export function formatPrice(cents: number) {
  console.warn("formatPrice is deprecated"); // ok: LOG001 (Next.js shared code: may run in the browser)
  return (cents / 100).toFixed(2);
}
