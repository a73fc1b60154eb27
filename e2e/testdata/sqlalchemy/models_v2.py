from typing import List, Optional
from sqlalchemy import ForeignKey, String, Integer, Column
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()
class User(Base):
    __tablename__ = "user_account"
    id = Column(Integer, primary_key=True)
    name = Column(String(30), nullable=False)
    fullname = Column(String(30))
    nickname = Column(String(50))
    addresses = relationship("Address", back_populates="user", cascade="all, delete-orphan")
class Address(Base):
    __tablename__ = "address"
    id = Column(Integer, primary_key=True)
    email_address = Column(String(30), nullable=False)
    user_id = Column(Integer, ForeignKey("user_account.id"), nullable=False, index=True)
    user = relationship("User", back_populates="addresses")
