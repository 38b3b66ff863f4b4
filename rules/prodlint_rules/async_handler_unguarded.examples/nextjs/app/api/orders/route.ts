export async function POST(req: Request) { // ok: ERR001
  const body = await req.json();
  return Response.json(await save(body));
}
