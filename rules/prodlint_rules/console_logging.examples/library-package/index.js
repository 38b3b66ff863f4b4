module.exports = async function retry(fn, attempts = 3) {
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      console.warn("retrying after", err); // ok: LOG001 (a library: no server in this package)
    }
  }
};
