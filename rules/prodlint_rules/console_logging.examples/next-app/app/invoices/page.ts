export default async function Page() {
  console.log("rendering invoices"); // ok: LOG001 (a page: may render in the browser)
  return null;
}
