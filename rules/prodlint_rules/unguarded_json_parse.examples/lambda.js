export const handler = async (event) => {
  return process(JSON.parse(event.body)); // expect: ERR005
};
