DROP INDEX ix_article_title ON article;
CREATE FULLTEXT INDEX ft_article ON article (`title`, `body`);
CREATE INDEX ix_article_body ON article (`body`(100), `title` DESC);
CREATE INDEX ix_article_title ON article (`title`(20));
