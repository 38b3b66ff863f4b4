export async function action({ request }) {
  let payload;
  try {
    payload = await request.json();
  } catch {
    return Response.json({ error: "Invalid JSON" }, { status: 400 });
  } // expect: ERR005
  return { ok: payload.ok };
}

export async function loader({ params }) {
  const upstream = await fetch(`https://api.example.com/${params.id}`);
  return upstream.json(); // ok: ERR005
}
