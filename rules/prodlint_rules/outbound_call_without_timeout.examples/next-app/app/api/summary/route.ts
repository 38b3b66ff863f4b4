export async function POST(req: Request) {
  const body = await req.json();
  // expect: NET001
  const upstream = await fetch(`${process.env.SUMMARY_URL}/v1/summarize`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  return Response.json(await upstream.json());
}
