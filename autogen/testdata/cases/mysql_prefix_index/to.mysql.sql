CREATE TABLE article (
    id INT NOT NULL PRIMARY KEY,
    title VARCHAR(255) NOT NULL,
    body TEXT NOT NULL,
    KEY ix_article_title (title(20)),
    KEY ix_article_body (body(100), title DESC),
    FULLTEXT KEY ft_article (title, body)
);
