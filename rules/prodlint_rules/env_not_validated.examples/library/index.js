// ok: SEC004
module.exports = function prefix() { return process.env.SLUG_PREFIX.toLowerCase(); };
