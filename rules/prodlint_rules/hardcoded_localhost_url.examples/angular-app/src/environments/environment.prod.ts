export const environment = {
  production: true,
  hostServer: "http://localhost:3000", // expect: URL001
};
