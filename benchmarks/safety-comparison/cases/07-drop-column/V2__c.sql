alter table accounts drop column score;
