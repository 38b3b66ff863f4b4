export function middleware(request: Request) {
  console.log(request.url); // ok: LOG001 (edge middleware)
}
