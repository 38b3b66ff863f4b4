export default {}; // ok: SEC001
