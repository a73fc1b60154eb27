"""A small blog: authors and their posts, as SQLAlchemy declarative models.

retort reads no Python itself: print_ddl.py turns these models into CREATE statements,
which retort compares with the database to write a migration.
"""
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text, false, func
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Author(Base):
    __tablename__ = "author"

    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False)
    email = Column(String(200), unique=True)

    posts = relationship("Post", back_populates="author")


class Post(Base):
    __tablename__ = "post"

    id = Column(Integer, primary_key=True)
    author_id = Column(Integer, ForeignKey("author.id", ondelete="CASCADE"), nullable=False, index=True)
    title = Column(String(200), nullable=False)
    body = Column(Text)
    published = Column(Boolean, nullable=False, server_default=false())
    created_at = Column(DateTime, nullable=False, server_default=func.current_timestamp())

    author = relationship("Author", back_populates="posts")
