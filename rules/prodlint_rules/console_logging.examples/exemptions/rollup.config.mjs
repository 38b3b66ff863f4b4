console.log("rollup config loaded"); // ok: LOG001 (build configuration)
export default {};
