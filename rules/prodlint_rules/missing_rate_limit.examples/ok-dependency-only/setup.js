module.exports = (app) => app;
