// A worker a script starts runs in production beside the server.
const QUEUE_URL = "http://localhost:9324/queue/jobs"; // expect: URL001
module.exports = { QUEUE_URL };
