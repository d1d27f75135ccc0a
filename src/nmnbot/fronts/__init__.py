"""Front ends around the pipeline: the command line, the web app, LangChain adapters."""
