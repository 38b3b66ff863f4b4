console.log("building for production"); // ok: LOG001 (build configuration)
module.exports = { mode: "production" };
