exports.getNews = async (req, res) => {
  const response = await fetch("https://news.example.com/top.json", { signal: AbortSignal.timeout(10_000) }); // expect: NET001
  res.json(await response.json());
};
