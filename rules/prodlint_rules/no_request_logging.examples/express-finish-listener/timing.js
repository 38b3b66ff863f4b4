exports.requestTimer = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    process.stdout.write(JSON.stringify({ path: req.path, status: res.statusCode, ns: `${process.hrtime.bigint() - started}` }) + "\n");
  });
  next();
};
