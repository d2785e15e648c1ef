"""Publishing the built book: the offline zip and the SCORM package."""
