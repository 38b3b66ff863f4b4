export async function GET() {
  try {
    const users = await loadUsers();
    return Response.json(users);
  } catch (error) {
    console.error("loading users failed", error); // expect: LOG001
    return Response.json({ error: "unavailable" }, { status: 503 });
  }
}

declare function loadUsers(): Promise<unknown[]>;
