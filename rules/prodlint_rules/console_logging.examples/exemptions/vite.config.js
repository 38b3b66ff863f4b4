console.log("vite config loaded"); // ok: LOG001 (build configuration)
export default {};
