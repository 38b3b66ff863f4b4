export async function fetchUsers() {
  const res = await fetch("/api/users");
  console.log(res.status); // ok: LOG001 (browser code: a Vite client bundle)
  return res.json();
}
