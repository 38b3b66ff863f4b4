// A worker a script starts runs in production beside the server.
const QUEUE_URL = `${process.env.QUEUE_URL}/queue/jobs`; // expect: URL001
module.exports = { QUEUE_URL };
