export async function POST(request: Request) {
  let form;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: "Invalid JSON" }, { status: 400 });
  } // expect: ERR005
  const name = String(form.get("name") ?? "");
  return Response.json({ name });
}

export async function PUT(request: Request) {
  let patch;
  try {
    patch = JSON.parse(await request.text());
  } catch {
    return Response.json({ error: "Invalid JSON" }, { status: 400 });
  } // expect: ERR005
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
