export async function POST(request: Request) {
  const form = await request.formData(); // expect: ERR005
  const name = String(form.get("name") ?? "");
  return Response.json({ name });
}

export async function PUT(request: Request) {
  const patch = JSON.parse(await request.text()); // expect: ERR005
  return Response.json(patch);
}

export async function PATCH(request: Request) {
  try {
    const form = await request.formData(); // ok: ERR005
    return Response.json({ fields: [...form.keys()] });
  } catch {
    return Response.json({ error: "Invalid form" }, { status: 400 });
  }
}
