export async function register() {
  console.log("instrumentation registered"); // ok: LOG001 (runs on the edge runtime too)
}
