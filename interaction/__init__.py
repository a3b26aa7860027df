"""Citizen interaction (互动交流): enquiries, complaints, suggestions and requests for help with
tracking numbers, department queues with working-day time limits, published answers, and the
好差评 ratings of service guides with their follow-up (整改) items."""
