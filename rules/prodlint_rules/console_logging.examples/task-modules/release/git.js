function tag(version) {
  console.info("tagging", version); // ok: LOG001 (imported only through the release program's own modules)
  return version;
}

module.exports = { tag };
