update accounts set nickname = split_part(email, '@', 1) where nickname is null;
