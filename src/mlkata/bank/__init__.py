"""The catalogue: loads and validates the problem bank. Knows no problem by name."""

from mlkata.bank.loader import BankError, Bank, Problem, Mistake, load_bank

__all__ = ["BankError", "Bank", "Problem", "Mistake", "load_bank"]
