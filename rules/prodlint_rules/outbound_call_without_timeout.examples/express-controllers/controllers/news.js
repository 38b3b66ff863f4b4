exports.getNews = async (req, res) => {
  const response = await fetch("https://news.example.com/top.json"); // expect: NET001
  res.json(await response.json());
};
