export async function action({ request }) {
  const payload = await request.json(); // expect: ERR005
  return { ok: payload.ok };
}

export async function loader({ params }) {
  const upstream = await fetch(`https://api.example.com/${params.id}`);
  return upstream.json(); // ok: ERR005
}
