export async function POST(req: Request) { // ok: RATE001
  return Response.json(await req.json());
}
