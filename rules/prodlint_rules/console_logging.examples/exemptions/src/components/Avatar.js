export function Avatar(props) {
  console.log(props); // ok: LOG001 (a component)
  return null;
}
