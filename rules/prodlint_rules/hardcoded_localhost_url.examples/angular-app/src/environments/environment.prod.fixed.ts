export const environment = {
  production: true,
  hostServer: process.env.HOST_SERVER_URL, // expect: URL001
};
