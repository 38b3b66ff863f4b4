const handler = async () => new Response("ok");
export { handler as GET, handler as POST }; // ok: RATE002
