exports.readiness = (req, res) => res.send("ok");
